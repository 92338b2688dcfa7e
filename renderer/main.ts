import './components/nb-app/nb-app';
